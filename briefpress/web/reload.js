// Keep the page current. /events sends a number each time the preview's state changes; then the
// index fetches /_preview/state.json and updates the cards that changed, in place, and a target's
// HTML page reloads once its target has been built again.
(function () {
  const script = document.currentScript;
  const page = script.dataset.page; // "index", "target" (a target's HTML) or "file" (an HTML file no target has now)
  let shown = script.dataset.version;
  let fetching = false;
  let again = false;

  const events = new EventSource("/events");
  events.addEventListener("state", function (event) {
    if (event.data !== shown) {
      refresh();
    }
  });

  async function refresh() {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      const response = await fetch("/_preview/state.json", { cache: "no-store" });
      const state = await response.json();
      shown = String(state.version);
      if (page === "index") {
        update(state);
      } else if (page === "target") {
        reloadWhenRebuilt(state);
      } else {
        reloadWhenBuilt(state);
      }
    } catch (error) {
      // The server stopped or restarts: EventSource reconnects and says when to try again.
    }
    fetching = false;
    if (again) {
      again = false;
      refresh();
    }
  }

  function reloadWhenRebuilt(state) {
    const entry = state.targets.find((each) => each.pdf === script.dataset.target);
    if (entry && entry.status === "built" && String(entry.output) !== script.dataset.output) {
      events.close();
      location.reload();
    }
  }

  function reloadWhenBuilt(state) {
    if (state.phase === "done" && String(state.generation) !== script.dataset.generation) {
      events.close();
      location.reload();
    }
  }

  function update(state) {
    document.getElementById("build").innerHTML = state.build; // rendered and escaped by the server
    const errors = document.getElementById("errors");
    errors.textContent = state.errors.map((error) => error + "\n").join("");
    errors.hidden = state.errors.length === 0;
    const list = document.querySelector("ul.targets");
    const cards = new Map(Array.from(list.children, (card) => [card.id, card]));
    list.replaceChildren(
      ...state.targets.map(function (entry) {
        const old = cards.get(entry.id);
        if (old && old.dataset.changed === String(entry.changed)) {
          return old;
        }
        const card = parse(entry.card);
        // Keep a picture that did not change, so that it does not blink while it loads again.
        const picture = card.querySelector("img");
        const before = old && old.querySelector("img");
        if (picture && before && picture.getAttribute("src") === before.getAttribute("src")) {
          picture.replaceWith(before);
        }
        return card;
      })
    );
  }

  function parse(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }
})();
