import { parseSettings, SETTING_DEFAULTS } from "../../src/domain/settings";
import { SETTING_LABEL } from "../../src/text/zh";

const raw = (o: Partial<Record<keyof typeof SETTING_LABEL, string>>) =>
  new Map(Object.entries(o).map(([k, v]) => [SETTING_LABEL[k as keyof typeof SETTING_LABEL], v]));

test("defaults from the source documents when the sheet is blank", () => {
  const { settings, problems } = parseSettings(new Map());
  expect(problems).toEqual([]);
  expect(settings).toMatchObject({
    maxDeadlineDays: 30,
    deadlineMode: "calendar",
    dueSoonDays: 3,
    reinspectorMustDiffer: true,
  });
  expect(settings.departments).toContain("市场监管");
  expect(SETTING_DEFAULTS.maxDeadlineDays).toBe("30");
});

test("lists split on Chinese and Western separators; dates and numbers accept full-width digits", () => {
  const { settings, problems } = parseSettings(
    raw({
      villages: "东村、西村，南村;北村",
      campaignStart: "2026年3月1日",
      maxDeadlineDays: "２０",
      coordinatorEmails: "a@x.cn, b@x.cn",
    }),
  );
  expect(problems).toEqual([]);
  expect(settings.villages).toEqual(["东村", "西村", "南村", "北村"]);
  expect(settings.campaignStart).toBe("2026-03-01");
  expect(settings.maxDeadlineDays).toBe(20);
  expect(settings.coordinatorEmails).toEqual(["a@x.cn", "b@x.cn"]);
});

test("nonsense falls back to the default and is reported in plain Chinese", () => {
  const { settings, problems } = parseSettings(
    raw({
      maxDeadlineDays: "一个月",
      deadlineMode: "按月",
      campaignStart: "明天",
      leaderEmails: "leader",
      reinspectorMustDiffer: "也许",
    }),
  );
  expect(settings.maxDeadlineDays).toBe(30);
  expect(settings.deadlineMode).toBe("calendar");
  expect(settings.campaignStart).toBe("");
  expect(settings.leaderEmails).toEqual([]);
  expect(problems).toEqual([
    "配置「期限计算方式（自然日/工作日）」的值“按月”无效：应为“自然日”或“工作日”",
    "配置「复查人须不同于原检查人（是/否）」的值“也许”无效：应为“是”或“否”",
    "配置「活动开始日期」的值“明天”无效：应为日期，例如 2026-03-01",
    "配置「整改期限上限（天）」的值“一个月”无效：应为 1 到 90 之间的整数",
    "配置「领导邮箱」的值“leader”无效：不是有效的邮箱地址",
  ]);
});

test("the notice's office, phone and 代字: made from 乡镇名称 when empty; a phone that is not one is reported", () => {
  const labels = { office: "整改通知书发文单位", phone: "整改通知书联系电话", prefix: "整改通知书文号代字" };
  const blank = parseSettings(new Map([["乡镇名称", "西夏墅镇"]]));
  expect(blank.problems).toEqual([]);
  expect(blank.settings).toMatchObject({
    noticeOffice: "西夏墅镇专项整治工作领导小组办公室",
    noticePhone: "",
    noticePrefix: "西夏墅镇整改",
  });
  const set = parseSettings(
    new Map([
      [labels.office, "西夏墅镇人民政府"],
      // Full-width digits, an extension: still a phone number.
      [labels.phone, "０５１９-85123456 转 8001"],
      [labels.prefix, "西夏墅整治"],
    ]),
  );
  expect(set.problems).toEqual([]);
  expect(set.settings).toMatchObject({
    noticeOffice: "西夏墅镇人民政府",
    noticePhone: "0519-85123456 转 8001",
    noticePrefix: "西夏墅整治",
  });
  for (const wrong of ["找王主任", "1234"]) {
    const bad = parseSettings(new Map([[labels.phone, wrong]]));
    expect(bad.settings.noticePhone).toBe("");
    expect(bad.problems).toEqual([expect.stringContaining(`「${labels.phone}」`)]);
  }
});
