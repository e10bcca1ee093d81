// The review queue: the first event has the focus, so Enter opens it and the keyboard path runs
// event after event; J and K move down and up the list.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("#queue a.open-event"));
  if (!links.length) return;
  links[0].focus();
  document.addEventListener("keydown", function (evt) {
    if (evt.target.closest("input, textarea, select") || evt.ctrlKey || evt.metaKey || evt.altKey) return;
    var at = links.indexOf(document.activeElement);
    if (evt.code === "KeyJ") { evt.preventDefault(); links[Math.min(links.length - 1, at + 1)].focus(); }
    else if (evt.code === "KeyK") { evt.preventDefault(); links[Math.max(0, at - 1)].focus(); }
  });
})();
