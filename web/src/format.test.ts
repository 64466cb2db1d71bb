import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listText, niceDate, niceDates, shortDate } from "./format.ts";

describe("dates and lists for readers", () => {
  it("writes calendar days in words, the same day whatever the reader's time zone", () => {
    expect(niceDate("2001-07-23")).toBe("23 July 2001");
    expect(niceDate("2001-01-01")).toBe("1 January 2001");
    expect(shortDate("2001-12-31")).toBe("Dec 2001");
    expect(niceDate(null)).toBe("—");
    expect(niceDate("not a date")).toBe("not a date");
    expect(niceDates("from 2001-07-23 on")).toBe("from 23 July 2001 on");
  });

  it("keeps the day, month and year of any ISO date", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1800-01-01T00:00:00Z"),
          max: new Date("2100-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split("-").map(Number);
          const text = niceDate(iso);
          expect(text.startsWith(`${day} `)).toBe(true);
          expect(text.endsWith(` ${y}`)).toBe(true);
          // The short form abbreviates the same month (en-GB writes "Sept"), with the same year.
          expect(shortDate(iso).startsWith(text.split(" ")[1]!.slice(0, 3))).toBe(true);
          expect(shortDate(iso).endsWith(` ${y}`)).toBe(true);
          expect(m).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("joins lists as English does", () => {
    expect(listText([])).toBe("");
    expect(listText(["a"])).toBe("a");
    expect(listText(["a", "b"])).toBe("a and b");
    expect(listText(["a", "b", "c"])).toBe("a, b and c");
  });
});
