// What a companion says when something happens in the session, by temperament. Lines are
// short (they sit in a bubble beside the prompt) and never blame the person.

/** @typedef {import("./species.js").Temperament} Temperament */
/** @typedef {"tool_failed" | "long_wait" | "turn_done" | "session_start" | "error"} Spoken */

/** @type {Readonly<Record<Temperament, Record<Spoken, readonly string[]>>>} */
export const VOICES = Object.freeze({
  cheerful: {
    tool_failed: ["Oops! We'll get it next time.", "That one bounced. Onward!", "Failure is just data!"],
    long_wait: ["Still thinking... good sign!", "Big thoughts take time.", "I'm holding your place."],
    turn_done: ["Done! Nice one.", "Ta-da!", "Another one shipped!"],
    session_start: ["Hi! Let's build something.", "Ready when you are!"],
    error: ["Ouch. Shake it off.", "Hiccup! Try again?"],
  },
  grumpy: {
    tool_failed: ["Called it.", "Of course it failed.", "Read the error. Slowly."],
    long_wait: ["Any day now.", "I could have napped twice.", "Is it compiling the universe?"],
    turn_done: ["Fine. It works.", "Acceptable.", "Don't get used to it."],
    session_start: ["Oh. It's you.", "Let's get this over with."],
    error: ["Wonderful. Just wonderful.", "Not my fault."],
  },
  stoic: {
    tool_failed: ["A failure. Noted.", "Retry with care.", "The tool declined."],
    long_wait: ["Waiting is also work.", "Patience.", "It will finish."],
    turn_done: ["Complete.", "Task done.", "As expected."],
    session_start: ["Online.", "Ready."],
    error: ["An error. Proceed calmly.", "Recoverable."],
  },
  anxious: {
    tool_failed: ["Oh no, oh no, oh no.", "Was that my fault?", "Is it broken? Is it?"],
    long_wait: ["Is it stuck? It's stuck.", "Should we worry? I'm worrying.", "Still going... right?"],
    turn_done: ["Phew. It worked!", "Oh thank goodness.", "It's done? It's done!"],
    session_start: ["Hi! Don't break prod, ok?", "Deep breaths. We got this."],
    error: ["Everything is fine. Probably.", "I saw nothing."],
  },
  sage: {
    tool_failed: ["Every bug is a teacher.", "Read the stack, not tea leaves.", "Failure walks before success."],
    long_wait: ["The river is slow but sure.", "Good answers ripen.", "Stillness, then insight."],
    turn_done: ["It is done, and done well.", "A small step, well made.", "Wisdom compiles."],
    session_start: ["Begin with the smallest step.", "What shall we learn today?"],
    error: ["Errors are signposts.", "Look closer. It speaks."],
  },
  chaotic: {
    tool_failed: ["Ha! Again! Again!", "Try it with more force.", "Fire is also an output."],
    long_wait: ["Let's just rewrite it in Rust.", "Boredom level: rising.", "Poke it. Go on."],
    turn_done: ["Ship it. Ship it now.", "Chaos: contained. For now.", "Done! What can we break next?"],
    session_start: ["Let's make a mess!", "Who's ready to move fast?"],
    error: ["Delicious.", "Everything's on fire. Great!"],
  },
});
