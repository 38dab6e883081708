import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResendTransport } from "@/lib/email/resend";
import { EmailDeliveryError } from "@/lib/email/transport";

/** A local stand-in for Resend's API: the real SDK talks to it through RESEND_BASE_URL. */
describe("the Resend transport", () => {
  let server: Server;
  const received: { path: string; authorization?: string; body: Record<string, unknown> }[] = [];
  let answer = { status: 200, body: { id: "email_123" } as Record<string, unknown> };

  beforeAll(async () => {
    server = createServer(async (request: IncomingMessage, response) => {
      let raw = "";
      for await (const chunk of request) raw += chunk;
      received.push({ path: request.url ?? "", authorization: request.headers.authorization, body: JSON.parse(raw) });
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    delete process.env.RESEND_BASE_URL;
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends the rendered HTML and text parts with the API key", async () => {
    const transport = createResendTransport("re_test_key");
    await transport.send({ from: "Invite Kit <hi@example.com>", to: "ada@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" });
    expect(received.at(-1)).toMatchObject({
      path: "/emails",
      authorization: "Bearer re_test_key",
      body: { from: "Invite Kit <hi@example.com>", to: "ada@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" },
    });
  });

  it("turns a refusal from Resend into an EmailDeliveryError that says why", async () => {
    answer = { status: 422, body: { name: "validation_error", message: "The from address is not verified", statusCode: 422 } };
    const transport = createResendTransport("re_test_key");
    const sending = transport.send({ from: "x@example.com", to: "ada@example.com", subject: "Hello", html: "<p>Hi</p>", text: "Hi" });
    await expect(sending).rejects.toBeInstanceOf(EmailDeliveryError);
    await expect(sending).rejects.toThrow(/not verified/);
  });
});
