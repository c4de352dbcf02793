// summary.html: a page a person can read offline, explaining each file.
import { SOURCE_LABELS, type Category } from "../data/registry";
import { formatNumber } from "../core/format";
import { escapeHtml } from "../core/html";

export type SummaryCategory = {
  category: Category;
  datasets: { key: string; title: string; rows: number }[];
  sharedWith: { name: string; purpose: string }[];
  policies: { label: string; url: string; effective: string | null }[];
};

export function renderSummaryHtml(options: {
  companyName: string;
  email: string;
  generatedAt: Date;
  categories: SummaryCategory[];
}): string {
  const e = escapeHtml;
  const sections = options.categories
    .map(({ category, datasets, sharedWith, policies }) => {
      const files = datasets
        .map(
          (dataset) =>
            `<li>${e(dataset.title)}: <strong>${formatNumber(dataset.rows)}</strong> record${dataset.rows === 1 ? "" : "s"} in <code>${e(dataset.key)}.json</code> and <code>${e(dataset.key)}.csv</code></li>`,
        )
        .join("");
      const shared = sharedWith.length
        ? `<ul>${sharedWith.map((party) => `<li>${e(party.name)}: ${e(party.purpose)}</li>`).join("")}</ul>`
        : "<p>Not shared with anyone outside the company.</p>";
      const policyList = policies.length
        ? policies
            .map(
              (policy) =>
                `<a href="${e(policy.url)}">${e(policy.label)}</a>${policy.effective ? ` (effective ${e(policy.effective)})` : ""}`,
            )
            .join(", ")
        : "Not recorded";
      return `<section>
<h2>${e(category.title)}</h2>
<p>${e(category.description)}</p>
<dl>
<dt>How we got it</dt><dd>${e(SOURCE_LABELS[category.source])}</dd>
<dt>Why we keep it</dt><dd>${e(category.purpose)}</dd>
<dt>How long we keep it</dt><dd>${e(category.retention)}</dd>
<dt>Policy in force when collected</dt><dd>${policyList}</dd>
<dt>Who it is shared with</dt><dd>${shared}</dd>
</dl>
<ul>${files}</ul>
</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data from ${e(options.companyName)}</title>
<style>
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2937;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{color:#111827}h2{margin-top:2rem;color:#111827;border-top:1px solid #e5e7eb;padding-top:1rem}
dt{font-weight:600;margin-top:.5rem}dd{margin-left:0}code{background:#f3f4f6;padding:0 .25rem}a{color:#1d4ed8}
</style>
</head>
<body>
<h1>Your data from ${e(options.companyName)}</h1>
<p>This archive holds every piece of personal data we hold about <strong>${e(options.email)}</strong>, as of ${e(options.generatedAt.toISOString())}.
Each category comes as a JSON file (for programs: <code>{"columns": [...], "rows": [[...], ...]}</code>, one array of values per record in the order of <code>columns</code>) and a CSV file (for spreadsheets, with the same columns). <code>manifest.json</code> lists every file with its number of records and its SHA-256 checksum.</p>
<p>In the CSV files, a cell that starts with = + - or @ is prefixed with a single quote (') so spreadsheets show it as text.</p>
${sections}
</body>
</html>
`;
}
