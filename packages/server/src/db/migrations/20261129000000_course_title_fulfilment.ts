import { type Kysely, sql } from 'kysely'

// Course reserves, the fulfilment workflow's statuses. A title moves from requested through
// searching, publisher contacted, obtained or digitising to published, or ends unavailable with
// a reason. An accepted match publishes the title at once (the link is there), so the former
// `matched` status becomes `published`. published_at is when it last became published: the
// coverage figures' daily series counts by it.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    alter table course_titles drop constraint course_titles_status_check;
    alter table course_titles drop constraint course_titles_channel_check;
    alter table course_titles drop constraint course_titles_check1;
    alter table course_titles add column published_at timestamptz;
    alter table course_titles add column unavailable_reason text;
    update course_titles set status = 'published', published_at = coalesce(matched_at, updated_at)
      where status = 'matched';
    alter table course_titles add constraint course_titles_status_check check (status in (
      'requested', 'searching', 'publisher_contacted', 'obtained', 'digitising', 'published', 'unavailable'));
    alter table course_titles add constraint course_titles_channel_check check (channel in (
      'owned_platform', 'publisher_supplied', 'digitised', 'open_access'));
    alter table course_titles add constraint course_titles_published_check
      check ((status = 'published') = (published_at is not null) and (status <> 'published' or channel is not null));
    alter table course_titles add constraint course_titles_unavailable_check
      check ((status = 'unavailable') = (unavailable_reason is not null));
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    alter table course_titles drop constraint course_titles_status_check;
    alter table course_titles drop constraint course_titles_channel_check;
    alter table course_titles drop constraint course_titles_published_check;
    alter table course_titles drop constraint course_titles_unavailable_check;
    update course_titles set status = 'matched' where status = 'published';
    update course_titles set status = 'requested', channel = null, link_url = null, link_platform = null
      where status <> 'matched';
    update course_titles set channel = 'owned_platform' where channel not in ('owned_platform', 'open_access');
    alter table course_titles drop column published_at, drop column unavailable_reason;
    alter table course_titles add constraint course_titles_status_check check (status in ('requested', 'matched'));
    alter table course_titles add constraint course_titles_channel_check check (channel in ('owned_platform', 'open_access'));
    alter table course_titles add constraint course_titles_check1 check ((status = 'requested') = (channel is null));
  `.execute(db)
}
