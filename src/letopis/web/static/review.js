// The event page's review controls: keyboard shortcuts for the common path (Y confirm, X reject,
// E edit, Ctrl+Enter save the correction, N next in the queue, Esc close the edit), read by key
// position so that they work in the Russian layout too; and the modes offered follow the type.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form) return;
  var edit = document.getElementById("edit");
  var type = document.getElementById("field-type");
  var mode = document.getElementById("field-mode");

  function fitModes() {
    Array.prototype.forEach.call(mode.options, function (option) {
      var fits = !option.dataset.type || option.dataset.type === type.value;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) mode.value = "";
    });
  }
  type.addEventListener("change", fitModes);
  fitModes();

  function press(id) {
    var button = document.getElementById(id);
    if (button) form.requestSubmit(button);
  }

  document.addEventListener("keydown", function (evt) {
    var typing = evt.target.closest("input, textarea, select");
    if (evt.key === "Escape" && edit.open) {
      edit.open = false;
      document.getElementById("confirm").focus();
      return;
    }
    if (evt.code === "Enter" && (evt.ctrlKey || evt.metaKey) && edit.open) {
      evt.preventDefault();
      press("save");
      return;
    }
    if (typing || evt.ctrlKey || evt.metaKey || evt.altKey) return;
    if (evt.code === "KeyY") { evt.preventDefault(); press("confirm"); }
    else if (evt.code === "KeyX") { evt.preventDefault(); press("reject"); }
    else if (evt.code === "KeyE") {
      evt.preventDefault();
      edit.open = true;
      var first = edit.querySelector("input[name=fatalities]");
      first.focus();
      first.select();  // typing replaces the figure
    } else if (evt.code === "KeyN") {
      var next = document.getElementById("back");
      if (next) window.location.href = next.href;
    }
  });
})();
