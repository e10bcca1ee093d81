// A job's page: while the job is queued or running, its progress is read from /jobs/{id} every
// half second; when it ends, the page is loaded again to show what was stored.
(function () {
  "use strict";
  var section = document.getElementById("job");
  var STATES = { queued: "в очереди", running: "идёт обработка", done: "готово", failed: "не удалось" };
  if (!section || (section.dataset.state !== "queued" && section.dataset.state !== "running")) return;

  function show(job) {
    var bar = document.getElementById("job-progress");
    bar.max = job.total || 1;
    bar.value = job.done || 0;
    document.getElementById("job-count").textContent = (job.done || 0) + " из " + job.total;
    document.getElementById("job-state").textContent = STATES[job.state] || job.state;
  }

  function poll() {
    fetch("/jobs/" + section.dataset.job, { credentials: "same-origin" })
      .then(function (answer) { return answer.json(); })
      .then(function (job) {
        show(job);
        if (job.state === "done" || job.state === "failed") window.location.reload();
        else window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 500);
})();
