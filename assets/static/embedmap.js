// The map of an embed: the same markers as the explore page, for the embed's query string.
"use strict";
(function (D) {
  var el = document.getElementById("map");
  if (el) D.map(el, location.search.slice(1).split("&").filter(function (s) { return s.indexOf("theme=") !== 0; }).join("&"));
})(window.Dateline);
