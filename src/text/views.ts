// The strings of the views: mails' tables and charts, the 整改通知书 as served, the demo's index page.
// (src/text/zh.ts holds the rest; these are new with the phone-friendly renderers.)

export const VIEW_TEXT = {
  /** Shown for a table column the caller left without a header. */
  unnamedColumn: "名称",
} as const;
