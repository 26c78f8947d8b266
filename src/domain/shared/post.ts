import type * as t from 'io-ts';
import { struct } from '../../kernel/primitives';
import { Party } from './party';
import { personal } from '../../kernel/personal-fields';
import { Name, Title } from '../../kernel/text';
import { SubjectId } from '../../personal/subject-id';

/**
 * A position that exists apart from whoever holds it: "Federal Minister for Interior" of `PK`.
 * The holder's name is optional: it may change while the post stays. It is personal data, so it
 * comes with `holderId`, the id of the person (never a name): the name is sealed under their key
 * and can be erased later, the post staying in the clear.
 */
export const Post = struct(
  'Post',
  { title: Title, party: Party },
  { holder: personal(Name, 'holderId'), holderId: SubjectId, organisation: Name },
);
export type Post = t.TypeOf<typeof Post>;

export const describePost = (post: Post): string =>
  `${post.title} (${post.party})${post.holder === undefined ? '' : `, ${post.holder}`}`;

/** The same post with the same holder (a designation that changes nothing). */
export const samePost = (a: Post, b: Post): boolean =>
  a.title === b.title &&
  a.party === b.party &&
  a.holder === b.holder &&
  a.holderId === b.holderId &&
  a.organisation === b.organisation;
