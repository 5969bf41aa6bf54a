/*
 * Huishen browser-floor notice for engines that run no ES modules: the IE engine of dual-engine
 * browsers (360安全浏览器 and others in 兼容模式). Load it with `<script nomodule src=…>`: browsers
 * that run modules ignore it, so it never shows where the elements can run.
 *
 * ES5 only (ESLint parses this file as ECMAScript 5). The messages below are a copy of the
 * `floor.*` messages of the i18n catalogs (packages/elements/src/i18n/catalogs/features/floor.ts);
 * test/elements/floor.test.ts fails when the two differ.
 */
(function () {
  'use strict';
  var MESSAGES = /* BEGIN MESSAGES */ {
    "zh-Hans": {
      "floor.title": "此浏览器版本过低，无法使用联合会审系统",
      "floor.detected": "检测到的浏览器：{browser}",
      "floor.update": "请将浏览器升级到 Chromium 103 或更高版本（或 Firefox ESR 115 及以上），或改用单位配发的新版浏览器，然后重新打开本页。",
      "floor.ie-mode": "如使用 360 安全浏览器、奇安信可信浏览器等双核浏览器，请点击地址栏右侧的图标切换到“极速模式”。兼容模式（IE 内核）无法运行本系统。",
      "floor.unknown": "未知浏览器"
    },
    "zh-Hant": {
      "floor.title": "此瀏覽器版本過舊，無法使用聯合會審系統",
      "floor.detected": "偵測到的瀏覽器：{browser}",
      "floor.update": "請將瀏覽器升級到 Chromium 103 或更新版本（或 Firefox ESR 115 以上），或改用單位配發的新版瀏覽器，然後重新開啟本頁。",
      "floor.ie-mode": "如使用 360 安全瀏覽器、奇安信可信瀏覽器等雙核瀏覽器，請點選網址列右側的圖示切換到「極速模式」。相容模式（IE 核心）無法執行本系統。",
      "floor.unknown": "未知瀏覽器"
    },
    "en": {
      "floor.title": "This browser is too old for the joint review system",
      "floor.detected": "Detected browser: {browser}",
      "floor.update": "Update the browser to Chromium 103 or newer (or Firefox ESR 115 or newer), or use the newer browser your organisation provides, then open this page again.",
      "floor.ie-mode": "In a dual-engine browser such as 360 Secure Browser or QAX Trusted Browser, switch to “speed mode” (极速模式) with the icon at the right of the address bar. Compatibility mode (the IE engine) cannot run this system.",
      "floor.unknown": "Unknown browser"
    }
  } /* END MESSAGES */;

  function localeOf(lang) {
    var tag = String(lang || '').toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-Hant';
    if (/^en/.test(tag)) return 'en';
    return 'zh-Hans';
  }

  function describe(ua) {
    var brand = /QIHU|360SE|360EE/.test(ua) ? '360安全浏览器' : /QaxBrowser|QAX/.test(ua) ? '奇安信可信浏览器' : null;
    if (/Trident\/|MSIE /.test(ua)) return (brand || 'Internet Explorer') + ' (IE)';
    var chromium = /(?:Chrome|Chromium)\/(\d+)/.exec(ua);
    if (chromium) return brand ? brand + ' (Chromium ' + chromium[1] + ')' : 'Chromium ' + chromium[1];
    var firefox = /Firefox\/(\d+)/.exec(ua);
    if (firefox) return 'Firefox ' + firefox[1];
    return brand;
  }

  function paragraph(tag, text) {
    var el = document.createElement(tag);
    el.appendChild(document.createTextNode(text));
    return el;
  }

  function show() {
    var messages = MESSAGES[localeOf(document.documentElement.getAttribute('lang'))];
    var browser = describe(navigator.userAgent) || messages['floor.unknown'];
    var panel = document.createElement('div');
    panel.setAttribute('role', 'alert');
    panel.setAttribute('data-hs-floor', '');
    panel.className = 'hs-floor-panel';
    panel.style.cssText = 'border:2px solid #b42318;padding:16px 20px;margin:16px;max-width:760px;background:#fff;color:#1f2328;font:16px/1.6 sans-serif';
    panel.appendChild(paragraph('h2', messages['floor.title']));
    panel.appendChild(paragraph('p', messages['floor.detected'].replace('{browser}', browser)));
    panel.appendChild(paragraph('p', messages['floor.ie-mode']));
    panel.appendChild(paragraph('p', messages['floor.update']));
    document.body.insertBefore(panel, document.body.firstChild);
  }

  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
})();
