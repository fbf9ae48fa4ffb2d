// User-facing strings of the 整改通知书's issuing office and document number (文号): the 配置 rows.

export const NOTICE_SETTING = {
  label: {
    noticeOffice: "整改通知书发文单位",
    noticePhone: "整改通知书联系电话",
    noticePrefix: "整改通知书文号代字",
  },
  help: {
    noticeOffice: "印在落款处。留空则为“乡镇名称＋专项整治工作领导小组办公室”。",
    noticePhone: "印在落款下，例如 0519-85123456。留空则留横线手写。",
    noticePrefix:
      "文号为“代字〔年份〕第 N 号”，每年从 1 起连续编号，不重复，记在「检查记录」。留空则为“乡镇名称＋整改”。",
  },
  /** The 代字 when 整改通知书文号代字 is left empty. */
  prefix: (township: string) => `${township}整改`,
  badPhone: "应为电话号码",
} as const;
