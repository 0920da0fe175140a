// 书桥 Shuqiao: the reference desk's widget (在线咨询) for a library's own homepage.
// <script src="https://<shuqiao>/widget.js" data-library="CODE" data-queue="reference" async></script>
// A floating button says whether a librarian is on duty and opens the chat (/ask) in a panel.
;(() => {
  const script = document.currentScript
  if (!script?.src) return
  const base = new URL(script.src).origin
  const library = script.getAttribute('data-library') || ''
  const queue = script.getAttribute('data-queue') || ''
  const en = /^en/i.test(document.documentElement.lang || '')
  const text = en
    ? { ask: 'Ask a librarian', online: 'online', offline: 'offline', close: 'Close' }
    : { ask: '在线咨询', online: '馆员在线', offline: '暂无馆员值班', close: '关闭' }
  const style = (element, css) => {
    element.style.cssText = css
    return element
  }
  const button = style(
    document.createElement('button'),
    'position:fixed;right:16px;bottom:16px;z-index:2147483000;border:0;border-radius:24px;padding:10px 16px;' +
      'font:14px/1.4 system-ui,sans-serif;color:#fff;background:#8c8c8c;box-shadow:0 2px 8px rgba(0,0,0,.25);cursor:pointer',
  )
  button.type = 'button'
  button.setAttribute('data-testid', 'shuqiao-widget-button')
  const label = document.createElement('span')
  const state = style(document.createElement('span'), 'margin-left:6px;font-size:12px;opacity:.9')
  label.textContent = text.ask
  state.textContent = ''
  button.append(label, state)

  const panel = style(
    document.createElement('div'),
    'position:fixed;right:16px;bottom:72px;z-index:2147483000;width:380px;height:600px;max-height:calc(100vh - 96px);' +
      'display:none;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 4px 16px rgba(0,0,0,.3)',
  )
  const close = style(
    document.createElement('button'),
    'position:absolute;top:4px;right:4px;z-index:1;border:0;background:transparent;font-size:20px;cursor:pointer',
  )
  close.type = 'button'
  close.textContent = '×'
  close.setAttribute('aria-label', text.close)
  panel.append(close)
  let frame

  const open = (shown) => {
    const phone = window.innerWidth < 480
    panel.style.display = shown ? 'block' : 'none'
    // Phones: the chat takes the whole screen, and the button steps aside so that it does not sit
    // on the chat's send button; the panel's × closes it.
    button.style.display = shown && phone ? 'none' : ''
    if (shown && phone)
      panel.style.cssText += ';right:0;bottom:0;width:100vw;height:100vh;max-height:none;border-radius:0'
    if (shown && !frame) {
      frame = style(document.createElement('iframe'), 'border:0;width:100%;height:100%')
      frame.title = text.ask
      frame.allow = 'clipboard-write'
      const query = new URLSearchParams({ library, embed: '1' })
      if (queue) query.set('queue', queue)
      frame.src = `${base}/ask?${query}`
      panel.append(frame)
    }
  }
  button.addEventListener('click', () => open(panel.style.display === 'none'))
  close.addEventListener('click', () => open(false))

  const refresh = () => {
    const query = queue ? `?queue=${encodeURIComponent(queue)}` : ''
    fetch(`${base}/api/reference-desk/widget/${encodeURIComponent(library)}${query}`)
      .then((response) => (response.ok ? response.json() : undefined))
      .then((desk) => {
        if (!desk) return
        button.style.background = desk.online ? '#1677ff' : '#8c8c8c'
        state.textContent = desk.online ? text.online : text.offline
        button.setAttribute('data-online', String(desk.online))
      })
      .catch(() => undefined)
  }
  const mount = () => {
    document.body.append(panel, button)
    refresh()
    setInterval(refresh, 60000)
  }
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount)
})()
