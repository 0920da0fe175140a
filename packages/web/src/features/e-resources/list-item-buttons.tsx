import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons'
import { Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'

/**
 * Up, down and remove for one entry of an ordered form list (a resource's routes, a guide's
 * resources). Test ids are `<testId>-up`, `<testId>-down` and `<testId>-remove`.
 */
export const ListItemButtons = ({
  index,
  count,
  onMove,
  onRemove,
  testId,
}: {
  index: number
  count: number
  onMove: (from: number, to: number) => void
  onRemove: () => void
  testId: string
}) => {
  const { t } = useTranslation('eResources')
  return (
    <Space size={2} style={{ flex: 'none' }}>
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
        aria-label={t('form.moveUp')}
        title={t('form.moveUp')}
        data-testid={`${testId}-up`}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
        aria-label={t('form.moveDown')}
        title={t('form.moveDown')}
        data-testid={`${testId}-down`}
      />
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        onClick={onRemove}
        aria-label={t('form.remove')}
        title={t('form.remove')}
        data-testid={`${testId}-remove`}
      />
    </Space>
  )
}
