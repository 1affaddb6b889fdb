// Every page of the site: the theme switch. The choice (light, dark, or the system's) applies at
// once and a cookie keeps it, which the server reads to draw the next pages in it; without this
// script the switch is a form that posts it. Maps restyle on the "dateline:theme" event.
"use strict";
(function () {
  var select = document.getElementById("theme-select");
  function changed() { document.dispatchEvent(new CustomEvent("dateline:theme")); }
  if (select) {
    select.addEventListener("change", function () {
      var t = select.value, root = document.documentElement;
      if (t === "light" || t === "dark") {
        root.dataset.theme = t;
        document.cookie = "theme=" + t + "; path=/; max-age=31536000; samesite=lax";
      } else {
        delete root.dataset.theme;
        document.cookie = "theme=; path=/; max-age=0; samesite=lax";
      }
      changed();
    });
  }
  if (window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    if (dark.addEventListener) dark.addEventListener("change", changed);
  }
})();
