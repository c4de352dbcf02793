// The benchmarks' SMTP sink (bench/notices-sink.ts) as a child process: its port,
// and how many messages it has received so far.
import { spawn } from "node:child_process";
import readline from "node:readline";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";

export async function startSmtpSink() {
  const child = spawn(process.execPath, [...TS_NODE_ARGS, "bench/notices-sink.ts"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiters: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiters.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiters.push(resolve));
  const port = Number((await nextLine()).split(" ")[1]);
  /** Messages received since the sink started. */
  const count = async () => {
    const line = nextLine();
    child.stdin!.write("count\n");
    return Number((await line).split(" ")[1]);
  };
  return { child, port, count };
}
