"use server";

import { revalidatePath } from "next/cache";
import { adminAction, ok } from "@/lib/actions";
import { registerAgent, rotateAgentKey, setAgentSuspended } from "@/lib/agents/admin";
import { agentIdFormSchema, registerAgentSchema, rotateKeySchema } from "@/lib/agents/schema";

// Every change to an agent decides who may file requests for people: second factor within the
// step-up window (the wrapper checks it).
const stepUp = { stepUp: true } as const;

export const registerAgentAction = adminAction(
  registerAgentSchema,
  async (input, { viewer, ip }) => {
    await registerAgent({ admin: viewer, ip, ...input });
    revalidatePath("/admin/agents");
    return ok(`${input.name} is registered. It can now set up its key at /v1/agent/${input.agentId}.`);
  },
  { ...stepUp, echo: ["agentId", "name", "contact", "verifyKey"] },
);

export const suspendAgentAction = adminAction(
  agentIdFormSchema,
  async (input, { viewer, ip }) => {
    await setAgentSuspended({ admin: viewer, ip, agentId: input.agentId, suspended: true });
    revalidatePath(`/admin/agents/${input.agentId}`);
    return ok("The agent is suspended: its token no longer works and its calls are refused.");
  },
  stepUp,
);

export const reactivateAgentAction = adminAction(
  agentIdFormSchema,
  async (input, { viewer, ip }) => {
    await setAgentSuspended({ admin: viewer, ip, agentId: input.agentId, suspended: false });
    revalidatePath(`/admin/agents/${input.agentId}`);
    return ok("The agent is active again. It sets up a new token with its key.");
  },
  stepUp,
);

export const rotateAgentKeyAction = adminAction(
  rotateKeySchema,
  async (input, { viewer, ip }) => {
    await rotateAgentKey({ admin: viewer, ip, agentId: input.agentId, verifyKey: input.verifyKey });
    revalidatePath(`/admin/agents/${input.agentId}`);
    return ok("The new key is in force. The agent's token ended; it sets up a new one with the new key.");
  },
  { ...stepUp, echo: ["verifyKey"] },
);
