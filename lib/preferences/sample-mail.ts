// "Send me a sample" from the email preferences page: a real non-transactional
// email through the same path as newsletters, so a person (or a test) can see
// the unsubscribe headers, the visible link and the pixel rule at work.
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import type { EmailCategoryName } from "../email/unsubscribe";
import { sendCategoryEmail } from "./category-mail";

const SAMPLE_LIMIT = 5;
const SAMPLE_WINDOW_MS = 10 * 60 * 1000;

const samples: Record<EmailCategoryName, { subject: string; heading: string; paragraphs: string[] }> = {
  PRODUCT_NEWS: {
    subject: "Sample: Flynn monthly release notes",
    heading: "What's new this month",
    paragraphs: [
      "Faster deploys, a new dashboard for your clusters and fixes to the CLI.",
      "This is a sample of our product-news email, sent because you asked for one.",
    ],
  },
  PROMOTIONS: {
    subject: "Sample: an offer from our partner Mesosphere",
    heading: "An offer chosen for you",
    paragraphs: [
      "Our partner Mesosphere offers three months of support at no cost. We sent this on their behalf; they do not get your address.",
      "This is a sample of our promotional email.",
    ],
  },
  BLOG_COMMENTS: {
    subject: "Sample: new reply to your comment",
    heading: "Someone replied to your comment",
    paragraphs: ["A reader replied on “Flynn in production”.", "This is a sample of our blog notification email."],
  },
};

export async function sendSampleEmail(input: { viewer: Viewer; category: EmailCategoryName }) {
  assertViewer(input.viewer);
  const at = await now();
  const recent = await prisma.emailEvent.count({
    where: {
      userId: input.viewer.userId,
      kind: "SENT",
      subject: { startsWith: "Sample:" },
      occurredAt: { gte: new Date(at.getTime() - SAMPLE_WINDOW_MS) },
    },
  });
  if (recent >= SAMPLE_LIMIT) throw new AppError("LIMIT_REACHED", { reason: "SAMPLES" });
  return sendCategoryEmail({ userId: input.viewer.userId, category: input.category, ...samples[input.category] });
}
