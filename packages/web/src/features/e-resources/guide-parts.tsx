import { CopyOutlined, ShareAltOutlined } from '@ant-design/icons'
import { App as AntApp, Button, type ButtonProps, Input, Modal, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from './clipboard.ts'
import { shortAddress } from './guides-logic.ts'
import type { GuideStatus } from './guides-queries.ts'
import { useDisciplineList } from './resource-parts.tsx'

/** A guide's title in the interface language: the English one when there is one. */
export const useGuideTitle = () => {
  const { i18n } = useTranslation()
  return (guide: { titleZh: string; titleEn: string | null }) =>
    i18n.language === 'en' && guide.titleEn ? guide.titleEn : guide.titleZh
}

/**
 * The name of a discipline code in the interface language, by the library's list (see
 * useDisciplineList); a code not on it (or before the list arrives) as itself, none for no code.
 */
export const useDisciplineName = (library?: string | undefined) => {
  const { i18n } = useTranslation()
  const list = useDisciplineList(library)
  return (code: string | null) => {
    if (!code) return undefined
    const discipline = list?.find((each) => each.code === code)
    if (!discipline) return code
    return i18n.language === 'en' ? discipline.en : discipline.zh
  }
}

/** The guide's short address on this site, `<origin>/g/<code>`. */
export const useShortAddress = () => (code: string) => shortAddress(window.location.origin, code)

export const GuideStatusTag = ({ status }: { status: GuideStatus }) => {
  const { t } = useTranslation('eResources')
  return (
    <Tag
      color={status === 'published' ? 'success' : 'default'}
      data-status={status}
      data-testid="guide-status"
    >
      {t(`guidesStaff.status.${status}`)}
    </Tag>
  )
}

/**
 * 分享: the guide's short address in a dialog, to copy into a WeChat group or onto a poster.
 * The address is selectable as text too, for browsers that do not allow copying.
 */
export const ShareGuide = ({ code, ...button }: { code: string } & Omit<ButtonProps, 'onClick'>) => {
  const { t } = useTranslation('eResources')
  const { message } = AntApp.useApp()
  const [open, setOpen] = useState(false)
  const address = useShortAddress()(code)
  const copy = async () => {
    if (await copyText(address)) void message.success(t('guide.copied'))
    else void message.warning(t('guide.copyFailed'))
  }
  return (
    <>
      <Button icon={<ShareAltOutlined />} onClick={() => setOpen(true)} {...button}>
        {t('guide.share')}
      </Button>
      <Modal
        open={open}
        title={t('guide.shareTitle')}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
        data-testid="guide-share-modal"
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('guide.shareHint')}</Typography.Text>
          {/* The whole address, wrapped: on a phone a one-line box would hide the code at its end. */}
          <Input.TextArea
            readOnly
            autoSize
            value={address}
            onFocus={(event) => event.target.select()}
            aria-label={t('guidesStaff.column.address')}
            className="sq-res-input"
            data-testid="guide-share-address"
          />
          <Button
            type="primary"
            block
            icon={<CopyOutlined />}
            onClick={() => void copy()}
            data-testid="guide-share-copy"
          >
            {t('guide.copy')}
          </Button>
        </Space>
      </Modal>
    </>
  )
}
