// A mail server for the browser tests: takes every message the site sends over SMTP on
// 127.0.0.1:$MAIL_SINK_PORT (2525) and writes it, parsed, to $MAIL_DIR as one JSON file per
// message, which the tests read (`mailTo` in tests/helpers.ts). Started by .ci/test before the
// site, stopped with it. With MAIL_DIR=- it only counts what it takes (.ci/bench-mail).
import { mkdirSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

const port = Number(process.env.MAIL_SINK_PORT ?? 2525);
const folder = process.env.MAIL_DIR ?? "target/e2e/mail";
const keep = folder !== "-";
if (keep) mkdirSync(folder, { recursive: true });
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, session, done) {
    if (!keep) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received += 1;
        done();
      });
      return;
    }
    simpleParser(stream)
      .then((mail) => {
        received += 1;
        const message = {
          to: session.envelope.rcptTo.map((to) => to.address.toLowerCase()),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
        };
        // Written whole, then renamed, so that a reader never sees half a message.
        const name = `${String(Date.now()).padStart(15, "0")}-${String(received).padStart(6, "0")}.json`;
        writeFileSync(join(folder, `.${name}`), JSON.stringify(message));
        renameSync(join(folder, `.${name}`), join(folder, name));
        done();
      })
      .catch(done);
  },
});

server.listen(port, "127.0.0.1", () => console.log(`mail sink on 127.0.0.1:${port}, writing to ${folder}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    console.log(`mail sink took ${received} messages`);
    server.close(() => process.exit(0));
  });
}
