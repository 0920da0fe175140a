import type { ThemeConfig } from 'antd'

/** 书桥 teal: calm on a phone in daylight, distinct from the blue of most campus systems. */
export const BRAND_COLOR = '#1f6f78'

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorLink: BRAND_COLOR,
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f3d42', headerPadding: '0 16px', headerHeight: 56 },
    Calendar: { itemActiveBg: '#d9ecec' },
    Menu: { darkItemBg: '#0f3d42', darkSubMenuItemBg: '#0c3236', darkItemSelectedBg: BRAND_COLOR },
  },
}
