import { pickups } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type PickupPoint = pickups.PickupPoint
export type PickupPointSettings = pickups.PickupPointSettings
export type BorrowRequest = pickups.BorrowRequest
export type PullListLine = pickups.PullListLine
export type Booking = pickups.Booking
export type MyBooking = pickups.MyBooking
export type Slot = pickups.Slot

/** Requests, holds, slots and bookings change together: refresh them all after any change. */
const useAfterPickupChange = () => {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['circulation'] })
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'items'] })
  }
}

export const usePickupPoints = () =>
  useQuery({ queryKey: ['circulation', 'pickup-points'], queryFn: () => call(pickups.listPickupPoints) })

export const useSavePickupPoint = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: ({ id, settings }: { id: string | null; settings: PickupPointSettings }) =>
      id
        ? call(pickups.savePickupPoint, { params: { pointId: id }, body: settings })
        : call(pickups.createPickupPoint, { body: settings }),
    onSuccess: settle,
  })
}

export const useSlots = (pointId: string | undefined) =>
  useQuery({
    queryKey: ['circulation', 'slots', pointId],
    queryFn: () => call(pickups.listSlots, { params: { pointId: pointId! } }),
    enabled: !!pointId,
  })

export const useMyBorrowRequests = () =>
  useQuery({
    queryKey: ['circulation', 'my-borrow-requests'],
    queryFn: () => call(pickups.listMyBorrowRequests),
  })

export const useMyPickups = () =>
  useQuery({ queryKey: ['circulation', 'my-pickups'], queryFn: () => call(pickups.listMyPickups) })

export const useRequestItems = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: (body: { itemIds: string[]; pickupPointId: string }) => call(pickups.requestItems, { body }),
    onSuccess: settle,
  })
}

export const useRequestForReader = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: (body: { readerNumber: string; barcodes: string[]; pickupPointId: string; note?: string }) =>
      call(pickups.requestItemsForReader, { body }),
    onSuccess: settle,
  })
}

export const usePullList = () =>
  useQuery({ queryKey: ['circulation', 'pull-list'], queryFn: () => call(pickups.getPullList) })

export const useMarkLine = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: ({ lineId, outcome }: { lineId: string; outcome: 'found' | 'not_found' }) =>
      call(pickups.markLine, { params: { lineId }, body: { outcome } }),
    onSuccess: settle,
  })
}

export const useBookPickup = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: (body: { pickupPointId: string; startsAt: string }) => call(pickups.bookPickup, { body }),
    onSettled: settle,
  })
}

export const useMoveBooking = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: ({ bookingId, startsAt }: { bookingId: string; startsAt: string }) =>
      call(pickups.moveBooking, { params: { bookingId }, body: { startsAt } }),
    onSettled: settle,
  })
}

export const useCancelBooking = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: (bookingId: string) => call(pickups.cancelBooking, { params: { bookingId } }),
    onSuccess: settle,
  })
}

export const usePickupDay = (pointId: string | undefined, day: string | undefined) =>
  useQuery({
    queryKey: ['circulation', 'pickup-desk', pointId, day],
    queryFn: () => call(pickups.getPickupDay, { query: { pointId: pointId!, ...(day ? { day } : {}) } }),
    enabled: !!pointId,
  })

export const useDeskBookingAction = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: ({ bookingId, action }: { bookingId: string; action: 'stage' | 'no-show' | 'cancel' }) =>
      call(
        action === 'stage'
          ? pickups.stageBooking
          : action === 'no-show'
            ? pickups.markNoShow
            : pickups.cancelBooking,
        { params: { bookingId } },
      ),
    onSuccess: settle,
  })
}

export const useHandOver = () => {
  const settle = useAfterPickupChange()
  return useMutation({
    mutationFn: (code: string) => call(pickups.handOver, { body: { code } }),
    onSuccess: settle,
  })
}
