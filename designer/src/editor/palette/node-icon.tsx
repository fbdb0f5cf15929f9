import {
  AppstoreOutlined, BellOutlined, BranchesOutlined, CopyOutlined, FieldTimeOutlined, ForkOutlined, HourglassOutlined, InboxOutlined,
  NotificationOutlined, RiseOutlined, RollbackOutlined, StarOutlined, StopOutlined, SwapOutlined, TagsOutlined, TeamOutlined,
  ThunderboltOutlined, UserAddOutlined,
} from '@ant-design/icons';
import type { ComponentType, CSSProperties } from 'react';
import type { NodeCategory } from '../../../../engine/core/nodes';

/** The catalog names its icons by Ant Design name; these are the ones it uses (imported one by one to keep the bundle small). */
const ICONS: Readonly<Record<string, ComponentType<{ style?: CSSProperties }>>> = {
  BellOutlined, BranchesOutlined, CopyOutlined, FieldTimeOutlined, ForkOutlined, HourglassOutlined, InboxOutlined,
  NotificationOutlined, RiseOutlined, RollbackOutlined, StarOutlined, StopOutlined, SwapOutlined, TagsOutlined, TeamOutlined,
  ThunderboltOutlined, UserAddOutlined,
};

export const CATEGORY_COLORS: Readonly<Record<NodeCategory, string>> = {
  start: '#1f6feb',
  logic: '#8250df',
  data: '#0a7ea4',
  assignment: '#2da44e',
  pool: '#bf8700',
  notify: '#d1242f',
  timing: '#6639ba',
  end: '#57606a',
};

export function NodeIcon({ name, color }: { name: string; color?: string }) {
  const Icon = ICONS[name] ?? AppstoreOutlined;
  return <Icon style={color ? { color } : undefined} />;
}

export const knownIcon = (name: string): boolean => Object.hasOwn(ICONS, name);
