// The filter form of the timeline and the map: what it shows is kept in the page's URL (so a
// link shares it), and on a phone the form folds away until asked for.
(function () {
  "use strict";
  var box = document.getElementById("filter-box");
  if (box && window.matchMedia("(max-width: 700px)").matches) box.open = false;

  function keepInUrl() {
    var holder = document.getElementById("event-data");
    if (!holder) return;  // the filters were refused: the URL keeps what last worked
    var query = holder.dataset.query || "";
    var page = parseInt(holder.dataset.page || "1", 10);
    if (page > 1) query += (query ? "&" : "") + "page=" + page;
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) history.replaceState(null, "", url);
  }

  document.body.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target.id === "events") keepInUrl();
  });
})();
