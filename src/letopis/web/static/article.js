// The article view: hovering (or tapping) a highlighted run shows the records behind it, named as
// a reader names them; clicking an event shows its evidence. The layers can be switched off, and
// weak events are drawn fainter. On a narrow screen the card opens beside the tapped word.
// Everything from the article is set as text.
(function () {
  "use strict";
  var notes = JSON.parse(document.getElementById("notes").textContent);
  var note = document.getElementById("note");
  var evidence = document.getElementById("evidence");
  var text = document.getElementById("article-text");
  var narrow = window.matchMedia("(max-width: 900px)");
  var KIND = { time: "Время", quote: "Цитата" };

  function line(term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
    var row = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = term + ": ";
    row.append(b, document.createTextNode(Array.isArray(value) ? value.join(", ") : String(value)));
    return row;
  }

  function card(key) {
    var r = notes[key];
    var box = document.createElement("div");
    box.className = "card card-" + r.kind;
    var h = document.createElement("h3");
    h.textContent = r.kind === "entity" ? r.title + " · " + r.type
      : r.kind === "event" ? r.title + " · " + r.date : KIND[r.kind] + ": " + r.title;
    var rows;
    if (r.kind === "entity") {
      rows = [line("Роли", r.roles), line("Упоминаний", r.mentions), line("Место", r.place)];
    } else if (r.kind === "time") {
      rows = [line("Значение", r.value), line("Часть суток", r.part)];
    } else if (r.kind === "quote") {
      rows = [line("Кто", r.speaker), line("Через", r.via)];
    } else {
      rows = [line("Место", r.place), line("Кто", r.actor), line("Против кого", r.target),
              line("Погибших", r.fatalities), line("Достоверность", r.modality), line("Проверка", r.review),
              line("Извлечение", r.confidence)];
    }
    box.append(h);
    rows.forEach(function (row) { if (row) box.append(row); });
    return box;
  }

  function keysOf(el) { return (el.getAttribute("data-ann") || "").split(" ").filter(Boolean); }

  function showNote(el) {
    var keys = keysOf(el).filter(function (k) { return notes[k]; });
    if (!keys.length) return;
    note.replaceChildren.apply(note, keys.map(card));
    if (narrow.matches) {  // beside the tapped word, not below the whole text
      var box = el.getBoundingClientRect();
      note.classList.add("floating");
      note.style.top = (window.scrollY + box.bottom + 6) + "px";
      note.style.left = Math.max(8, Math.min(window.innerWidth - note.offsetWidth - 8, box.left)) + "px";
    }
  }

  function showEvidence(id) {
    document.querySelectorAll(".ann.focus").forEach(function (el) { el.classList.remove("focus"); });
    var runs = document.querySelectorAll('.ann[data-ann~="' + CSS.escape(id) + '"]');
    runs.forEach(function (el) { el.classList.add("focus"); });
    evidence.replaceChildren();
    var h = document.createElement("h2");
    h.textContent = "Основание: " + notes[id].title;
    var q = document.createElement("blockquote");
    q.textContent = notes[id].evidence;
    evidence.append(h, q, card(id));
    evidence.hidden = false;
    if (runs.length) runs[0].scrollIntoView({ block: "center" });
  }

  text.addEventListener("mouseover", function (evt) {
    var el = evt.target.closest(".ann");
    if (el && !narrow.matches) showNote(el);
  });
  text.addEventListener("click", function (evt) {
    var el = evt.target.closest(".ann");
    if (!el) return;
    if (narrow.matches) showNote(el);
    if (!el.classList.contains("event")) return;
    var events = keysOf(el).filter(function (k) { return notes[k] && notes[k].kind === "event"; });
    if (events.length && !narrow.matches) showEvidence(events[events.length - 1]);
  });
  document.addEventListener("click", function (evt) {
    if (narrow.matches && !evt.target.closest(".ann, #note")) note.classList.remove("floating");
  });
  document.querySelectorAll("[data-event]").forEach(function (a) {
    a.addEventListener("click", function (evt) {
      evt.preventDefault();
      var id = a.getAttribute("data-event");
      history.replaceState(null, "", "?event=" + encodeURIComponent(id));
      showEvidence(id);
    });
  });
  document.querySelectorAll("#layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  var focus = new URLSearchParams(window.location.search).get("event");
  if (focus && notes[focus]) showEvidence(focus);
})();
