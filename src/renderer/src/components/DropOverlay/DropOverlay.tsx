import { Center, Overlay, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

/** Props of {@link DropOverlay}. */
export interface DropOverlayProps {
  onFiles: (files: File[]) => void;
}

/** Accepts files dropped anywhere on the window and shows where they will go while dragging. */
export function DropOverlay({ onFiles }: DropOverlayProps) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth++;
      setActive(true);
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const over = (e: DragEvent): void => {
      // Without this the browser would navigate to the dropped file.
      e.preventDefault();
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      depth = 0;
      setActive(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length) onFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);
  if (!active) return null;
  return (
    <Overlay fixed blur={2} zIndex={300}>
      <Center h="100%">
        <Text size="xl" fw={600} c="white">
          Drop PDF or text reports to open them
        </Text>
      </Center>
    </Overlay>
  );
}
