// embed.js runs inside Dateline's embeds (/embed, /embed/map, /embed/timeline). It tells the page
// that holds the iframe how tall the embed is, so that page can size the iframe without scrollbars:
//
//   parent.postMessage({type: "dateline:height", height: <pixels>, src: <the embed's URL>}, "*")
//
// on load and whenever the embed's height changes. The message carries no private data, hence "*".
// In the holding page, a few lines size every Dateline iframe:
//
//   <script>
//   addEventListener("message", function (e) {
//     if (!e.data || e.data.type !== "dateline:height") return;
//     document.querySelectorAll("iframe").forEach(function (f) {
//       if (f.contentWindow === e.source) f.style.height = e.data.height + "px";
//     });
//   });
//   </script>
"use strict";
(function () {
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: "dateline:height", height: h, src: location.href }, "*");
  }
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();
