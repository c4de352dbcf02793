// The portal banner of an unacknowledged breach notice (also shown in the
// admin's preview, so the team sees what people will see).
import Link from "next/link";

export function BreachBanner(props: {
  notices: { id: string; title: string; discovered: string }[];
  preview?: boolean;
}) {
  if (props.notices.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="breach-banner">
      {props.notices.map((notice) => (
        <section
          key={notice.id}
          aria-label="Security notice"
          className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950"
        >
          <p className="font-semibold">Important: a security incident involved your personal data</p>
          <p className="mt-1">
            {notice.title} (discovered {notice.discovered}).{" "}
            {props.preview ? (
              <span className="font-semibold underline">Read the notice</span>
            ) : (
              <Link className="font-semibold underline" href={`/account/notices#breach-${notice.id}`}>
                Read the notice
              </Link>
            )}{" "}
            and tell us you have read it.
          </p>
        </section>
      ))}
    </div>
  );
}
