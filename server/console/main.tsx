import { render } from 'preact';
import { createApi } from './api';
import { App } from './components/App';

const root = document.getElementById('app');
if (root) render(<App api={createApi()} />, root);
