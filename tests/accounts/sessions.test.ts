import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Browser, SESSION_COOKIE, signIn } from "./helpers";

const sessionIds = (html: string) => [...html.matchAll(/data-session="([^"]+)"/g)].map((m) => m[1]!);

describe("one's own sessions (signed in)", () => {
  it("lists the sessions of each device, marks this one, and revokes another", async () => {
    const laptop = await signIn("ines@example.be", new Browser({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" }));
    const phone = await signIn("ines@example.be", new Browser({ "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1" }));

    const page = await laptop.fetch("/account/sessions?lang=en");
    expect(page.status).toBe(200);
    const html = await page.text();
    const ids = sessionIds(html);
    expect(ids).toHaveLength(2);
    expect(html).toContain("Firefox · Linux");
    expect(html).toContain("Safari · iOS");
    expect(html).toContain("this device");
    expect(html).not.toContain(laptop.cookies.get(SESSION_COOKIE)!.split(".")[0]); // tokens never shown

    const phoneRow = html.split("<tr").find((row) => row.includes("Safari · iOS"))!;
    const phoneId = /data-session="([^"]+)"/.exec(phoneRow)![1]!;
    const revoked = await laptop.post(`/account/sessions/${phoneId}/revoke`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/account/sessions?notice=revoked");

    // The phone is signed out; the laptop is not.
    const phoneAfter = await phone.fetch("/account/sessions");
    expect(phoneAfter.status).toBe(303);
    expect(phoneAfter.headers.get("location")).toBe("/sign-in?next=%2Faccount%2Fsessions");
    const laptopAfter = await laptop.fetch("/account/sessions");
    expect(sessionIds(await laptopAfter.text())).toHaveLength(1);
  });

  it("revoking this device's own session signs out", async () => {
    const browser = await signIn("solo@example.be");
    const [id] = sessionIds(await (await browser.fetch("/account/sessions")).text());
    const res = await browser.post(`/account/sessions/${id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?signed_out=1");
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const left = await env.DB.prepare("select count(*) as n from sessions where id = ?").bind(id).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("cannot revoke someone else's session: 404, and theirs stays open", async () => {
    const mallory = await signIn("mallory@example.be");
    const victim = await signIn("victim@example.be");
    const [victimId] = sessionIds(await (await victim.fetch("/account/sessions")).text());
    const res = await mallory.post(`/account/sessions/${victimId}/revoke`);
    expect(res.status).toBe(404);
    expect((await victim.fetch("/account/sessions")).status).toBe(200);
  });

  it("signs out with the sign-out button", async () => {
    const browser = await signIn("bye@example.be");
    const res = await browser.post("/sign-out");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?signed_out=1");
    const cleared = res.headers.getAll("set-cookie").find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cleared).toMatch(/max-age=0/i);
    expect((await browser.fetch("/account")).status).toBe(303);
    const page = await browser.fetch("/sign-in?signed_out=1&lang=en");
    expect(await page.text()).toContain("You are signed out.");
  });

  it("sends anonymous visitors to sign in, and back afterwards", async () => {
    const anon = new Browser();
    for (const path of ["/account", "/account/sessions"]) {
      const res = await anon.fetch(path);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    // A form posted without a session (it ended meanwhile): a 401 page that says so and links to sign in.
    const post = await anon.post("/account/sessions/ses_whatever/revoke");
    expect(post.status).toBe(401);
    const html = await post.text();
    expect(html).toContain('href="/sign-in"');
    expect(html).toContain("Votre session a pris fin");
  });

  it("sends a signed-in visitor of /sign-in on to their account", async () => {
    const browser = await signIn("again@example.be");
    const res = await browser.fetch("/sign-in");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account");
  });
});
