// The playground page: draws the selected person's private chat with the bot and sends what they do.
// Plain DOM, no framework: the server (playground/web.ts) does the Telegram part.

const state = { people: [], chats: [], userId: null, lastCount: 0, drawing: 0 };
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function act(action) {
  const { answer } = await api(`/api/chats/${state.userId}`, action);
  if (answer !== null) toast(answer);
}

/** The bot's answer to a button press, over the chat: a toast that fades, or an alert with OK. */
function toast(answer) {
  const box = $("toast");
  clearTimeout(state.toastTimer);
  box.replaceChildren(answer.text);
  if (answer.alert)
    box.append(element("button", { type: "button", onclick: () => (box.hidden = true) }, "OK"));
  else state.toastTimer = setTimeout(() => (box.hidden = true), 2500);
  box.dataset.alert = String(answer.alert);
  box.hidden = false;
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// --- text with entities (offsets are UTF-16 code units, as JavaScript strings count)

function entityNode(entity, text) {
  switch (entity.type) {
    case "bold":
      return element("strong");
    case "italic":
      return element("em");
    case "underline":
      return element("u");
    case "strikethrough":
      return element("s");
    case "code":
      return element("code");
    case "pre":
      return element("pre");
    case "spoiler":
      return element("span", { className: "spoiler" });
    case "blockquote":
    case "expandable_blockquote":
      return element("span", { className: "quote" });
    case "text_link":
      return element("a", { href: entity.url, target: "_blank", rel: "noreferrer" });
    case "url":
      return element("a", { href: text, target: "_blank", rel: "noreferrer" });
    case "bot_command":
      return element("span", { className: "command", onclick: () => act({ type: "text", text }) });
    default:
      return element("span", { className: entity.type });
  }
}

/** Splits the text where any entity starts or ends and wraps each piece in the entities covering it. */
function formatted(text, entities = []) {
  const cuts = new Set([0, text.length]);
  for (const e of entities) cuts.add(e.offset).add(e.offset + e.length);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let node = document.createTextNode(text.slice(from, to));
    const covering = entities.filter((e) => e.offset <= from && e.offset + e.length >= to);
    for (const entity of covering.reverse()) {
      const wrapper = entityNode(entity, text.slice(entity.offset, entity.offset + entity.length));
      wrapper.append(node);
      node = wrapper;
    }
    fragment.append(node);
  }
  return fragment;
}

// --- the chat

async function join(chat) {
  await act({ type: "join", chatId: chat.id });
  toast({ text: `You joined ${chat.title}`, alert: false });
}

/** A t.me link to a channel the double knows: following it joins, as the Telegram app would let you. */
function knownChatOf(url) {
  const name = /^https?:\/\/t\.me\/([A-Za-z0-9_]+)\/?$/.exec(url)?.[1]?.toLowerCase();
  return state.chats.find((chat) => chat.username?.toLowerCase() === name);
}

function urlButton(button) {
  const chat = knownChatOf(button.url);
  if (chat === undefined)
    return element("a", { href: button.url, target: "_blank", rel: "noreferrer" }, `${button.text} ↗`);
  return element(
    "button",
    { type: "button", title: `Join ${chat.title}`, onclick: () => join(chat) },
    `${button.text} ↗`,
  );
}

function inlineKeyboard(message) {
  const rows = message.inline.map((row) =>
    element(
      "div",
      { className: "inline-row" },
      ...row.map((button) =>
        button.url !== undefined
          ? urlButton(button)
          : element(
              "button",
              {
                type: "button",
                onclick: () => act({ type: "press", messageId: message.id, data: button.data ?? "" }),
              },
              button.text,
            ),
      ),
    ),
  );
  return element("div", { className: "inline" }, ...rows);
}

function poll(message) {
  const { id, question, options, voted } = message.poll;
  const buttons = options.map((option, index) =>
    element(
      "button",
      {
        type: "button",
        className: "poll-option",
        "aria-pressed": String(voted?.includes(index) ?? false),
        onclick: () => act({ type: "vote", pollId: id, optionIds: [index] }),
      },
      option,
    ),
  );
  return element("div", {}, element("strong", {}, `📊 ${question}`), ...buttons);
}

const mediaIcons = {
  photo: "🖼",
  video: "🎬",
  animation: "🎞",
  audio: "🎵",
  voice: "🎤",
  sticker: "🏷",
  document: "📄",
  contact: "📇",
};

function messageItem(message) {
  const bubble = element("div", { className: "bubble" });
  if (message.media !== undefined)
    bubble.append(
      element("span", { className: "media" }, `${mediaIcons[message.kind] ?? "📎"} ${message.media}`),
    );
  if (message.poll !== undefined) bubble.append(poll(message));
  if (message.text !== undefined)
    bubble.append(element("span", { className: "text" }, formatted(message.text, message.entities)));
  if (message.edited) bubble.append(element("span", { className: "edited" }, "edited"));
  const item = element(
    "li",
    { className: "message", dataset: { from: message.from, id: message.id } },
    bubble,
  );
  if (message.inline.length > 0) item.append(inlineKeyboard(message));
  return item;
}

function replyKeyboard(keyboard) {
  const box = $("keyboard");
  box.replaceChildren();
  $("text").placeholder = keyboard?.placeholder ?? "Message";
  if (keyboard === null) return;
  for (const row of keyboard.rows) {
    const buttons = row.map((button) =>
      element(
        "button",
        {
          type: "button",
          onclick: () => act(button.contact ? { type: "contact" } : { type: "text", text: button.text }),
        },
        button.contact ? `📱 ${button.text}` : button.text,
      ),
    );
    box.append(element("div", { className: "keyboard-row" }, ...buttons));
  }
}

async function drawChat() {
  if (state.userId === null) return;
  // Draws can overlap (events arrive in bursts): only the newest one is put on screen.
  state.drawing += 1;
  const drawing = state.drawing;
  const view = await api(`/api/chats/${state.userId}`);
  if (drawing !== state.drawing) return;
  const list = $("messages");
  list.replaceChildren(...view.messages.map(messageItem));
  if (view.messages.length !== state.lastCount) list.scrollTop = list.scrollHeight;
  state.lastCount = view.messages.length;
  replyKeyboard(view.keyboard);
  $("viewer").textContent = `You are ${view.user.first_name}`;
}

// --- people and channels

const roleLabels = { owner: "👑 owner", member: "member", newcomer: "new" };

function drawPeople() {
  const items = state.people.map((person) =>
    element(
      "li",
      {},
      element(
        "button",
        {
          type: "button",
          className: "person",
          "aria-pressed": String(person.id === state.userId),
          dataset: { userId: person.id },
          onclick: () => select(person.id),
        },
        person.name,
        element("span", { className: "role" }, roleLabels[person.role]),
      ),
    ),
  );
  $("people").replaceChildren(...items);
  const channels = state.chats.map((chat) =>
    element(
      "li",
      {},
      element(
        "button",
        { type: "button", className: "join", onclick: () => join(chat) },
        `Join ${chat.title}`,
      ),
    ),
  );
  $("channels").replaceChildren(...channels);
}

function select(userId) {
  state.userId = userId;
  state.lastCount = -1;
  drawPeople();
  void drawChat();
}

async function loadPeople() {
  const people = await api("/api/people");
  state.people = people.users;
  state.chats = people.chats;
  $("bot-name").textContent = `${people.bot.name} · @${people.bot.username}`;
}

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (text === "" || state.userId === null) return;
  input.value = "";
  void act({ type: "text", text });
});

$("new-person").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("new-person-name");
  const name = input.value.trim();
  if (name === "") return;
  input.value = "";
  const person = await api("/api/people", { name });
  await loadPeople();
  select(person.id);
});

// The server names each chat that changed; only the one on screen is redrawn.
const events = new EventSource("/api/events");
events.addEventListener("chat", (event) => {
  if (Number(event.data) === state.userId) void drawChat();
});

loadPeople().then(() => select(state.people[0]?.id ?? null));
