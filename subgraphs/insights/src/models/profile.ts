import type { PostalAddress, ProfileAttribute, ProfileValue } from '../../../../src/insights';

/*
 * The golden profile's attributes as resolver parents: codegen mappers name one type each, so the
 * generic ones of src/insights/profile.ts get a name per GraphQL type here.
 */
export type ProfileText = ProfileAttribute<string>;
export type ProfileTextValue = ProfileValue<string>;
export type ProfileFlag = ProfileAttribute<boolean>;
export type ProfileFlagValue = ProfileValue<boolean>;
export type ProfileAddress = ProfileAttribute<PostalAddress>;
export type ProfileAddressValue = ProfileValue<PostalAddress>;
