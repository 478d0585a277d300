import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/** Props of {@link PasswordModal}. */
export interface PasswordModalProps {
  fileName: string;
  /** True after a wrong password. */
  retry: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

/** Asks for the password of an encrypted PDF; cancelling imports nothing. */
export function PasswordModal({ fileName, retry, onSubmit, onCancel }: PasswordModalProps) {
  const [password, setPassword] = useState('');
  return (
    <Modal opened onClose={onCancel} title="Password required" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(password);
        }}
      >
        <Stack>
          <Text size="sm">“{fileName}” is encrypted. Enter its password to open it.</Text>
          <PasswordInput
            label="Password"
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={retry ? 'That password is incorrect. Try again.' : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit">Open</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
