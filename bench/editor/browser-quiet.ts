import type { Browser } from "@playwright/test";

interface ProcessInfo {
  id: number;
  cpuTime: number;
}

/**
 * Waits until Chromium's own processes are idle.
 *
 * Chromium 156 builds the omnibox popup's WebUI (chrome://omnibox-popup.top-chrome,
 * two renderers loading some 400 module scripts) for every new window, headless
 * too: about 1.5 s of CPU here, from newPage() on. A page navigated at once
 * shares the two cores with it, and a trace of such a load showed that renderer
 * busy for 1.97 of the article's 2.04 s. A newsroom's browser has its window open
 * long before anyone follows a link, so a measurement starts once it is quiet:
 * a fresh profile all the same, without the window's own start-up in it.
 */
export async function whenBrowserQuiet(browser: Browser, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const sampleMs = 200;
  // Quiet: under 40 ms of CPU over two samples, all of Chromium's processes together (cpuTime ticks in 10 ms).
  const quietCpuMs = 40;
  const cdp = await browser.newBrowserCDPSession();
  try {
    const cpuTimes = async () => {
      const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: ProcessInfo[] };
      return new Map(processInfo.map((info) => [info.id, info.cpuTime]));
    };
    const started = Date.now();
    let previous = await cpuTimes();
    let previousSpentMs = Infinity;
    while (Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, sampleMs));
      const current = await cpuTimes();
      // Per process: one that exited in between must not count as negative time.
      let spentMs = 0;
      for (const [id, cpuTime] of current) spentMs += Math.max(0, cpuTime - (previous.get(id) ?? 0)) * 1000;
      previous = current;
      if (spentMs + previousSpentMs < quietCpuMs) return;
      previousSpentMs = spentMs;
    }
    throw new Error(`Chromium was still busy ${timeoutMs / 1000} s after the new window opened: another process is loading the machine`);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
