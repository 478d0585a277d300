import { Alert, Button, Group, Text } from '@mantine/core';
import type { SaveError } from '../../../../shared/store/save-error';

/** Props of {@link SaveErrorNotice}. */
export interface SaveErrorNoticeProps {
  error: SaveError;
  /** Saves the kept draft again. */
  onRetry: () => void;
  retrying: boolean;
}

/** Why a save failed, said in the form that keeps the draft, with a Retry button. */
export function SaveErrorNotice({ error, onRetry, retrying }: SaveErrorNoticeProps) {
  return (
    <Alert color="red" variant="light" p="xs" role="alert" aria-live="assertive">
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Text size="xs">{error.message}</Text>
        <Button size="compact-xs" color="red" variant="filled" onClick={onRetry} loading={retrying}>
          Retry
        </Button>
      </Group>
    </Alert>
  );
}
