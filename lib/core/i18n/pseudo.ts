// The pseudo-locale (en-XA): English with accents and about 40% more length, generated from
// messages/en/, so a developer sees at once which words bypass the catalogues (plain ASCII) and
// where a longer language would overflow. ICU syntax is kept: argument names, plural/select
// keywords, `#` and rich-text tags pass unchanged; only the words people read are changed.

const ACCENTED: Record<string, string> = {
  a: "ȧ",
  b: "ƀ",
  c: "ƈ",
  d: "ḓ",
  e: "ḗ",
  f: "ƒ",
  g: "ɠ",
  h: "ħ",
  i: "ī",
  j: "ĵ",
  k: "ķ",
  l: "ŀ",
  m: "ḿ",
  n: "ƞ",
  o: "ǿ",
  p: "ƥ",
  q: "ɋ",
  r: "ř",
  s: "ş",
  t: "ŧ",
  u: "ŭ",
  v: "ṽ",
  w: "ẇ",
  x: "ẋ",
  y: "ẏ",
  z: "ẑ",
  A: "Ȧ",
  B: "Ɓ",
  C: "Ƈ",
  D: "Ḓ",
  E: "Ḗ",
  F: "Ƒ",
  G: "Ɠ",
  H: "Ħ",
  I: "Ī",
  J: "Ĵ",
  K: "Ķ",
  L: "Ŀ",
  M: "Ḿ",
  N: "Ƞ",
  O: "Ǿ",
  P: "Ƥ",
  Q: "Ɋ",
  R: "Ř",
  S: "Ş",
  T: "Ŧ",
  U: "Ŭ",
  V: "Ṽ",
  W: "Ẇ",
  X: "Ẋ",
  Y: "Ẏ",
  Z: "Ẑ",
};
const VOWELS = /[aeiouAEIOU]/;

/** One message in the pseudo-locale. */
export function pseudoLocalize(message: string): string {
  let out = "";
  let letters = 0;
  let doubled = 0;
  // What each open brace started: an argument ({name, plural, ...}) or a message inside one ({text}).
  const stack: ("argument" | "message")[] = [];
  const inText = () => stack.length === 0 || stack[stack.length - 1] === "message";
  for (let i = 0; i < message.length; i++) {
    const char = message[i]!;
    if (char === "{") {
      stack.push(inText() ? "argument" : "message");
      out += char;
    } else if (char === "}") {
      stack.pop();
      out += char;
    } else if (inText() && char === "'" && /[{}#|'<]/.test(message[i + 1] ?? "")) {
      // ICU quoting ('{' or '' ): copied as it stands, with what it quotes.
      const end = message.indexOf("'", i + 1);
      const quoted = end === -1 ? message.slice(i) : message.slice(i, end + 1);
      out += quoted;
      i += quoted.length - 1;
    } else if (inText() && char === "<") {
      // A rich-text tag (<link>, </link>): its name is code, not words.
      const end = message.indexOf(">", i);
      const tag = end === -1 ? message.slice(i) : message.slice(i, end + 1);
      out += tag;
      i += tag.length - 1;
    } else if (inText() && ACCENTED[char]) {
      out += ACCENTED[char];
      letters++;
      // Doubling some vowels lengthens the text the way German or French does.
      if (VOWELS.test(char) && letters % 2 === 0) {
        out += ACCENTED[char];
        doubled++;
      }
    } else {
      out += char;
    }
  }
  // About 40% longer in all: the doubled vowels, then dots up to the rest.
  const padding = Math.max(1, Math.ceil(message.length * 0.4) - doubled - 3);
  return `[${out} ${"·".repeat(padding)}]`;
}

type Catalogue = { [key: string]: string | Catalogue };

/** A whole catalogue (nested keys) in the pseudo-locale. */
export function pseudoLocalizeCatalogue(catalogue: Catalogue): Catalogue {
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]) => [
      key,
      typeof value === "string" ? pseudoLocalize(value) : pseudoLocalizeCatalogue(value),
    ]),
  );
}
