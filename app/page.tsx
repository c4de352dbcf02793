import Link from "next/link";
import { ButtonLink } from "@/components/ui";

// Each card leads where that happens (signed-out visitors are asked to sign in first).
const features = [
  {
    title: "See your data",
    href: "/account/data",
    body: "Every piece of personal information we hold about you, grouped by category, with why we have it, who it is shared with and how long we keep it.",
  },
  {
    title: "Download it",
    href: "/account/data",
    body: "One click builds an archive of everything, in JSON and CSV, with a readable summary you can open offline.",
  },
  {
    title: "Correct or delete it",
    href: "/account/profile",
    body: "Fix your details yourself, ask us to correct what you can't edit, or delete your account for good.",
  },
  {
    title: "Choose what we send and collect",
    href: "/account/preferences/email",
    body: "Email topics, email open tracking, telemetry from your clusters and cookies: switch each one on or off.",
  },
  {
    title: "Ask us anything",
    href: "/account/requests/new",
    body: "File a privacy request and follow it on a clock you can see, from received to answered.",
  },
  {
    title: "Parents",
    href: "/parents",
    body: "If your child under 13 gave us information, ask us to remove it. No account needed.",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-brand-900 px-6 py-12 text-white sm:px-10">
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">Your privacy, in your hands</h1>
        <p className="mt-4 max-w-2xl text-lg text-blue-100">
          The privacy center is where you see what we know about you and decide what happens to it: no forms to print,
          no emails into the void.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/signin" className="bg-white !text-brand-900 hover:bg-blue-50">
            Sign in to your privacy center
          </ButtonLink>
          <Link
            href="/requests/new"
            className="inline-flex items-center rounded-md border border-blue-200 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Make a request without an account
          </Link>
          <Link
            href="/policies/privacy"
            className="inline-flex items-center rounded-md border border-blue-200 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Read our privacy policy
          </Link>
        </div>
      </section>
      <section aria-labelledby="what-you-can-do">
        <h2 id="what-you-can-do" className="text-2xl font-bold text-gray-900">
          What you can do here
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title}>
              <Link
                href={feature.href}
                className="block h-full rounded-xl border border-gray-200 bg-white p-6 shadow-sm transition hover:border-brand-600 hover:shadow-md"
              >
                <h3 className="text-lg font-semibold text-brand-700 underline-offset-4 hover:underline">
                  {feature.title} <span aria-hidden="true">→</span>
                </h3>
                <p className="mt-2 text-gray-700">{feature.body}</p>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
