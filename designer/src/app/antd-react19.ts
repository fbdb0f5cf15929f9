import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

/**
 * Ant Design 5 renders a few things (the click wave, static messages) outside the React tree with the legacy
 * `ReactDOM.render`, which React 19 no longer has. This gives it React 19's root API instead (Ant Design's
 * documented hook for React 19).
 */
const roots = new WeakMap<Element | DocumentFragment, Root>();

export function adaptAntdToReact19(): void {
  unstableSetRender((node, container) => {
    let root = roots.get(container);
    if (!root) {
      root = createRoot(container);
      roots.set(container, root);
    }
    root.render(node);
    return async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      root.unmount();
      roots.delete(container);
    };
  });
}
