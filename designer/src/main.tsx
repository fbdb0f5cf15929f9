import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import '@xyflow/react/dist/style.css';
import './app/app.css';
import { App } from './app/App';
import { adaptAntdToReact19 } from './app/antd-react19';
import { initI18n } from './i18n/i18n';

adaptAntdToReact19();
initI18n();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
