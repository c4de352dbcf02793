// The application's logger: one line per event, with fields. Every module logs
// through here (never console.* directly) so the format and redaction live in
// one place. Never pass tokens, secrets, links or email addresses as fields.
type Fields = Record<string, unknown>;

function render(fields: Fields | undefined): string {
  if (!fields) return "";
  const parts = Object.entries(fields).map(([key, value]) => {
    if (value instanceof Error) return `${key}=${JSON.stringify(value.message)}`;
    return `${key}=${typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value ?? null)}`;
  });
  return parts.length ? ` ${parts.join(" ")}` : "";
}

export const log = {
  info(message: string, fields?: Fields) {
    console.log(`${message}${render(fields)}`);
  },
  warn(message: string, fields?: Fields) {
    console.warn(`${message}${render(fields)}`);
  },
  error(message: string, fields?: Fields) {
    console.error(`${message}${render(fields)}`);
  },
};
