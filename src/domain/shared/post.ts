import type * as t from 'io-ts';
import { struct } from '../../kernel/primitives';
import { Party } from './party';
import { Name, Title } from '../../kernel/text';

/**
 * A position that exists apart from whoever holds it: "Federal Minister for Interior" of `PK`.
 * The holder's name is optional: it may change while the post stays, and personal data may have
 * to be erased later.
 */
export const Post = struct(
  'Post',
  { title: Title, party: Party },
  { holder: Name, organisation: Name },
);
export type Post = t.TypeOf<typeof Post>;

export const describePost = (post: Post): string =>
  `${post.title} (${post.party})${post.holder === undefined ? '' : `, ${post.holder}`}`;

/** The same post with the same holder (a designation that changes nothing). */
export const samePost = (a: Post, b: Post): boolean =>
  a.title === b.title &&
  a.party === b.party &&
  a.holder === b.holder &&
  a.organisation === b.organisation;
