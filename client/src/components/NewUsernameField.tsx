import type { ComponentProps } from 'react';
import { TextField } from './TextField.tsx';

type Props = Omit<
  ComponentProps<typeof TextField>,
  'label' | 'hint' | 'name' | 'className' | 'autoCapitalize' | 'spellCheck'
>;

/**
 * A new user's username (new-user form, first-run setup), with the rule `checkNewUser` applies said
 * under it; typed as it is stored, so no capitals or spelling fixes from the keyboard.
 */
export function NewUsernameField(props: Props) {
  return (
    <TextField
      label="Username"
      hint="2–64 letters, digits, dots, dashes or underscores"
      className="mono"
      name="username"
      autoCapitalize="none"
      spellCheck={false}
      {...props}
    />
  );
}
