import { BarcodeOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons'
import { Button, Card, Input, type InputRef, Segmented, Space } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { scannedCode } from './circulation-logic.ts'
import { CirculationTabs } from './circulation-tabs.tsx'
import { DeskLog } from './desk-log.tsx'
import { DeskReaderPanel } from './desk-reader-panel.tsx'
import { useReaderAtDesk } from './queries.ts'
import { type DeskMode, useDesk } from './use-desk.ts'
import { useLibraryToday } from './use-library-today.ts'
import './circulation.css'

/**
 * 流通台: check-out (reader card, then items), check-in and renewal by barcode. Enter submits, as a
 * scanner sends it; the box empties and keeps the cursor, so the next item can be scanned at once.
 */
export const DeskPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('desk.title'))
  const me = useSignedIn()
  const today = useLibraryToday(me.library?.id)
  const [mode, setMode] = useState<DeskMode>('checkOut')
  const [readerTyped, setReaderTyped] = useState('')
  const [readerNumber, setReaderNumber] = useState<string>()
  const [barcode, setBarcode] = useState('')
  const reader = useReaderAtDesk(mode === 'checkOut' ? readerNumber : undefined)
  const desk = useDesk()
  const readerRef = useRef<InputRef>(null)
  const barcodeRef = useRef<InputRef>(null)
  const needsReader = mode === 'checkOut' && !reader.data

  // The cursor goes where the next scan belongs: the reader card, or the item's barcode.
  useEffect(() => {
    if (needsReader && !reader.isFetching) readerRef.current?.focus()
    else barcodeRef.current?.focus()
  }, [needsReader, reader.isFetching])

  const scanReader = () => {
    const code = scannedCode(readerTyped)
    setReaderTyped(code)
    if (!code) return
    if (code === readerNumber) void reader.refetch()
    setReaderNumber(code)
  }

  const scanItem = () => {
    const code = scannedCode(barcode)
    setBarcode('')
    barcodeRef.current?.focus()
    if (!code) return
    desk.submit(mode, code, reader.data?.reader.readerNumber)
  }

  const changeReader = () => {
    setReaderNumber(undefined)
    setReaderTyped('')
    readerRef.current?.focus()
  }

  return (
    <div data-testid="desk-page">
      <PageHead title={t('desk.title')} intro={t('desk.intro')} />
      <CirculationTabs current="/staff/circulation" />
      <div className="sq-circ-desk">
        <Card size="small">
          <Space orientation="vertical" size={14} style={{ width: '100%' }}>
            <Segmented<DeskMode>
              value={mode}
              onChange={setMode}
              block
              data-testid="desk-mode"
              options={[
                { value: 'checkOut', label: t('desk.modeCheckOut') },
                { value: 'checkIn', label: t('desk.modeCheckIn') },
                { value: 'renew', label: t('desk.modeRenew') },
              ]}
            />
            {mode === 'checkOut' && (
              <div className="sq-circ-field">
                <label htmlFor="desk-reader-input">{t('desk.readerNumber')}</label>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    ref={readerRef}
                    id="desk-reader-input"
                    size="large"
                    prefix={<IdcardOutlined aria-hidden />}
                    value={readerTyped}
                    onChange={(event) => setReaderTyped(event.target.value)}
                    onPressEnter={scanReader}
                    placeholder={t('desk.readerPlaceholder')}
                    autoComplete="off"
                    maxLength={40}
                    data-testid="desk-reader"
                  />
                  {reader.data && (
                    <Button
                      size="large"
                      icon={<SwapOutlined />}
                      onClick={changeReader}
                      data-testid="desk-reader-change"
                    >
                      {t('desk.changeReader')}
                    </Button>
                  )}
                </Space.Compact>
              </div>
            )}
            <div className="sq-circ-field">
              <label htmlFor="desk-barcode-input">{t('desk.barcode')}</label>
              <Input
                ref={barcodeRef}
                id="desk-barcode-input"
                size="large"
                prefix={<BarcodeOutlined aria-hidden />}
                value={barcode}
                onChange={(event) => setBarcode(event.target.value)}
                onPressEnter={scanItem}
                placeholder={needsReader ? t('desk.needReader') : t('desk.barcodePlaceholder')}
                disabled={needsReader}
                autoComplete="off"
                maxLength={40}
                data-testid="desk-barcode"
              />
            </div>
            <DeskLog results={desk.results} />
          </Space>
        </Card>
        {mode === 'checkOut' && (
          <Card size="small" title={t('reader.panel')}>
            <DeskReaderPanel
              reader={reader.data}
              loading={reader.isPending && !!readerNumber}
              error={reader.error}
              today={today}
            />
          </Card>
        )}
      </div>
    </div>
  )
}
