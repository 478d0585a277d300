import { ActionIcon, Menu, useComputedColorScheme, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { IconCheck, IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';
import { useCallback, useEffect } from 'react';
import { useServices } from '../../workbench/context';

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'Follow system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * Dark mode follows the system unless the analyst overrides it here or with View → Dark mode.
 * Mantine keeps the choice in local storage, so it survives a restart.
 */
export function useColorSchemeToggle(): () => void {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  return useCallback(() => setColorScheme(computed === 'dark' ? 'light' : 'dark'), [setColorScheme, computed]);
}

/** The header's colour-scheme control: follow the system, or always light or dark. */
export function ColorSchemeMenu() {
  const { host } = useServices();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  // The desktop window's own parts (title bar, native dialogs) follow the same choice.
  useEffect(() => void host.setThemeSource?.(colorScheme === 'auto' ? 'system' : colorScheme), [host, colorScheme]);
  const computed = useComputedColorScheme('light');
  const Icon = colorScheme === 'auto' ? IconDeviceDesktop : computed === 'dark' ? IconMoon : IconSun;
  const current = CHOICES.find((c) => c.value === colorScheme)?.label ?? 'Follow system';
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="default" aria-label={`Colour scheme: ${current}`}>
          <Icon size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Colour scheme</Menu.Label>
        {CHOICES.map((c) => (
          <Menu.Item
            key={c.value}
            aria-current={colorScheme === c.value ? 'true' : undefined}
            onClick={() => setColorScheme(c.value)}
            rightSection={colorScheme === c.value ? <IconCheck size={14} /> : null}
          >
            {c.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
