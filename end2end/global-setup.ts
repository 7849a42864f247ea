import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { ACCOUNTS } from "./tests/helpers";

/**
 * Gives the site under test its accounts the way a person would: `server add-user`, with the
 * password on standard input, against the database the server uses (DATABASE_URL, relative to
 * the repository root, as cargo-leptos runs the server from there).
 */
export default function globalSetup() {
  const root = resolve(__dirname, "..");
  const server = process.env.SERVER_BIN ?? resolve(root, "target/debug/server");
  for (const account of ACCOUNTS) {
    try {
      execFileSync(server, ["add-user", "--email", account.email, "--role", account.role], {
        cwd: root,
        input: account.password,
        stdio: ["pipe", "pipe", "pipe"],
      });
    } catch (error) {
      const output = String((error as { stderr?: Buffer }).stderr ?? error);
      // A database kept from an earlier local run already has them.
      if (!output.includes("already exists")) throw error;
    }
  }
}
