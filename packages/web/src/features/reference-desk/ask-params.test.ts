import { describe, expect, it } from 'vitest'
import { askParams } from './ask-params.ts'

describe('the parameters /ask keeps from step to step', () => {
  it('keeps the widget’s frame, library and topic and drops the rest', () => {
    const search = new URLSearchParams('embed=1&library=sjtu&queue=reference&chat=old&utm=x')
    expect(askParams(search, { chat: 'new' }).toString()).toBe(
      'embed=1&library=sjtu&queue=reference&chat=new',
    )
    expect(askParams(search).toString()).toBe('embed=1&library=sjtu&queue=reference')
  })

  it('adds nothing the address did not have', () => {
    expect(askParams(new URLSearchParams('chat=1')).toString()).toBe('')
  })
})
