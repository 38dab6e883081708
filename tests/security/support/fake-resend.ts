import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Resend's HTTP API. The app's real Resend SDK talks to
 * it through RESEND_BASE_URL; the test reads what was sent and chooses the
 * answer: success, an error status with Resend's error body, a connection
 * dropped before any answer, or no answer at all.
 */
export type SentEmail = {
  method: string;
  path: string;
  authorization: string | undefined;
  body: { from?: string; to?: string | string[]; subject?: string; html?: string; text?: string };
};

export type ResendAnswer = { kind: "ok" } | { kind: "error"; status: number; body?: unknown } | { kind: "drop" } | { kind: "hang" };

export type FakeResend = {
  url: string;
  requests: SentEmail[];
  /** How to answer from now on: for every email, or only for those to one address. */
  answer: (next: ResendAnswer, to?: string) => void;
  close: () => Promise<void>;
};

export async function startFakeResend(): Promise<FakeResend> {
  const requests: SentEmail[] = [];
  let defaultAnswer: ResendAnswer = { kind: "ok" };
  const answerTo = new Map<string, ResendAnswer>();
  const hanging = new Set<ServerResponse>();

  const server = createServer(async (request: IncomingMessage, response) => {
    let raw = "";
    for await (const chunk of request) raw += chunk;
    const sent: SentEmail = {
      method: request.method ?? "",
      path: request.url ?? "",
      authorization: request.headers.authorization,
      body: raw ? JSON.parse(raw) : {},
    };
    requests.push(sent);
    const answer = answerTo.get(String(sent.body.to)) ?? defaultAnswer;
    if (answer.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (answer.kind === "hang") {
      hanging.add(response);
      return;
    }
    if (answer.kind === "error") {
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(
        JSON.stringify(
          answer.body ?? { name: "internal_server_error", message: "An unexpected error occurred.", statusCode: answer.status },
        ),
      );
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ id: `email_${requests.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next, to) => {
      if (to) answerTo.set(to, next);
      else {
        defaultAnswer = next;
        answerTo.clear();
      }
    },
    close: async () => {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
