"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getRequestIp } from "@/lib/auth/request-ip";
import { confirmEmailChange } from "@/lib/correction/profile";

export async function confirmEmailChangeAction(formData: FormData) {
  const token = formData.get("token");
  if (typeof token !== "string" || token.length === 0 || token.length > 200) redirect("/email-change/confirm?result=unknown");
  const result = await confirmEmailChange({ token, ip: getRequestIp(await headers()) });
  redirect(`/email-change/confirm?result=${result.ok ? "changed" : result.code.toLowerCase()}`);
}
