import type { publishers } from '@shuqiao/contracts'
import type { ContactRow, Figures, PublisherRow } from './publishers.repository.ts'

const NO_FIGURES: Figures = { titles: 0, asked: 0, supplied: 0, pending: 0, refused: 0 }

export const presentPublisher = (
  row: PublisherRow,
  figures: Figures | undefined,
  lastContact: { kind: publishers.ContactKind; date: string } | undefined,
): publishers.Publisher => ({
  id: row.id,
  name: row.name,
  contactPerson: row.contact_person,
  email: row.email,
  phone: row.phone,
  note: row.note,
  figures: figures ?? NO_FIGURES,
  lastContact: lastContact ?? null,
  createdAt: row.created_at.toISOString(),
})

export const presentContact = (row: ContactRow): publishers.Contact => ({
  id: row.id,
  kind: row.kind,
  date: row.on_date,
  note: row.note,
  by: row.created_by && row.by_name ? { id: row.created_by, name: row.by_name } : null,
  titles: row.titles.map(({ contact_id: _, ...title }) => title),
  createdAt: row.created_at.toISOString(),
})
