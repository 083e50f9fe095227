// Reload the page when briefpress has rebuilt: /events sends the number of each build.
(function () {
  const shown = document.currentScript.dataset.generation;
  const events = new EventSource("/events");
  events.addEventListener("build", function (event) {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  });
})();
