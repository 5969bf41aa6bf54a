/**
 * Messages of the browser-floor check (`floor/floor.ts`, and `floor/floor-legacy.js` for the IE
 * engine, which carries a copy of these three catalogs that a test keeps identical).
 */
export const floorZhHans = {
  'floor.title': '此浏览器版本过低，无法使用联合会审系统',
  'floor.detected': '检测到的浏览器：{browser}',
  'floor.update': '请将浏览器升级到 Chromium 103 或更高版本（或 Firefox ESR 115 及以上），或改用单位配发的新版浏览器，然后重新打开本页。',
  'floor.ie-mode': '如使用 360 安全浏览器、奇安信可信浏览器等双核浏览器，请点击地址栏右侧的图标切换到“极速模式”。兼容模式（IE 内核）无法运行本系统。',
  'floor.unknown': '未知浏览器',
} as const;

type Keys = keyof typeof floorZhHans;

export const floorZhHant: { readonly [K in Keys]: string } = {
  'floor.title': '此瀏覽器版本過舊，無法使用聯合會審系統',
  'floor.detected': '偵測到的瀏覽器：{browser}',
  'floor.update': '請將瀏覽器升級到 Chromium 103 或更新版本（或 Firefox ESR 115 以上），或改用單位配發的新版瀏覽器，然後重新開啟本頁。',
  'floor.ie-mode': '如使用 360 安全瀏覽器、奇安信可信瀏覽器等雙核瀏覽器，請點選網址列右側的圖示切換到「極速模式」。相容模式（IE 核心）無法執行本系統。',
  'floor.unknown': '未知瀏覽器',
};

export const floorEn: { readonly [K in Keys]: string } = {
  'floor.title': 'This browser is too old for the joint review system',
  'floor.detected': 'Detected browser: {browser}',
  'floor.update': 'Update the browser to Chromium 103 or newer (or Firefox ESR 115 or newer), or use the newer browser your organisation provides, then open this page again.',
  'floor.ie-mode': 'In a dual-engine browser such as 360 Secure Browser or QAX Trusted Browser, switch to “speed mode” (极速模式) with the icon at the right of the address bar. Compatibility mode (the IE engine) cannot run this system.',
  'floor.unknown': 'Unknown browser',
};
