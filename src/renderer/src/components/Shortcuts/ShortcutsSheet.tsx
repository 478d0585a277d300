import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { COMMAND_SPECS, shortcutLabel, type MenuName } from '../../../../shared/commands';
import { IS_MAC } from '../../host/keyboard';

const MENUS: { menu: MenuName; title: string }[] = [
  { menu: 'file', title: 'File' },
  { menu: 'edit', title: 'Edit' },
  { menu: 'view', title: 'View' },
  { menu: 'help', title: 'Help' },
];

/** Props of {@link ShortcutsSheet}. */
export interface ShortcutsSheetProps {
  opened: boolean;
  onClose: () => void;
  /** Show macOS symbols (⌘) rather than Ctrl; defaults to the platform. */
  isMac?: boolean;
}

/** Every keyboard shortcut, read from the same command table the menu and the keyboard use. */
export function ShortcutsSheet({ opened, onClose, isMac = IS_MAC }: ShortcutsSheetProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg" centered>
      <Stack gap="md">
        {MENUS.map(({ menu, title }) => {
          const rows = COMMAND_SPECS.filter((c) => c.menu === menu)
            .map((c) => ({ id: c.id, label: c.label.replace(/…$/, ''), keys: shortcutLabel(c, isMac) }))
            .filter((r): r is { id: string; label: string; keys: string } => r.keys !== undefined);
          if (rows.length === 0) return null;
          return (
            <section key={menu} aria-labelledby={`shortcuts-${menu}`}>
              <Title order={3} size="h6" id={`shortcuts-${menu}`} mb={4}>
                {title}
              </Title>
              <Table striped withRowBorders={false} verticalSpacing={4} aria-labelledby={`shortcuts-${menu}`}>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.id} data-command={r.id}>
                      <Table.Td>{r.label}</Table.Td>
                      <Table.Td ta="right">
                        <Kbd>{r.keys}</Kbd>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          );
        })}
        <Text size="xs" c="dimmed">
          Press <Kbd>?</Kbd> anywhere outside a text field to see this list again.
        </Text>
      </Stack>
    </Modal>
  );
}
